module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // the differential suites assert through expectSame (src/differential/__testUtils__)
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectSame*'] },
    ],
  },
});
