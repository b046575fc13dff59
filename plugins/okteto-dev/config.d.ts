export interface Config {
  /** Frontend settings of the okteto-dev plugin. */
  oktetoDev?: {
    /**
     * How often the "Dev environment" card and the "Dev environments" page refresh, in seconds,
     * while the browser tab is visible and no signal pushes the changes (without the signals
     * plugin, or for entities the backend does not watch). 0 turns automatic refresh off.
     * Default 30.
     * @visibility frontend
     */
    refreshIntervalSeconds?: number;
    /**
     * Scaffolder template behind the card's "Enable Okteto" button, as `<namespace>/<name>`.
     * Default `default/enable-okteto`.
     * @visibility frontend
     */
    enableTemplate?: string;
    /**
     * Scaffolder template behind the checklist's "Fix in a pull request" buttons, as
     * `<namespace>/<name>`. Default `default/fix-okteto-dev`.
     * @visibility frontend
     */
    fixTemplate?: string;
  };
}
