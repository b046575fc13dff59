export interface Config {
  /** Frontend settings of the okteto-dev plugin. */
  oktetoDev?: {
    /**
     * How often the "Dev environment" card refreshes, in seconds, while the browser tab is
     * visible. 0 turns automatic refresh off. Default 30.
     * @visibility frontend
     */
    refreshIntervalSeconds?: number;
    /**
     * Scaffolder template behind the card's "Enable Okteto" button, as `<namespace>/<name>`.
     * Default `default/enable-okteto`.
     * @visibility frontend
     */
    enableTemplate?: string;
  };
}
