/** The framework a new round, an official result or an analysis uses when none is named: the 2565 method. */
export const DEFAULT_FRAMEWORK_ID = "ita-2565";
