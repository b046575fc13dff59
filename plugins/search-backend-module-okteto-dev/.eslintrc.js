module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  testRules: {
    // The tests run this module in a backend with the real okteto-dev backend plugin; the module
    // itself only uses the plugin's node library.
    '@backstage/no-mixed-plugin-imports': 'off',
  },
});
