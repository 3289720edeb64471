/**
 * The model version recorded in every manifest. A run is a pure function of (scenario, seed,
 * hypothesis, model version): bump it whenever a change alters any run's numbers. A test keeps
 * it equal to package.json's version.
 */
export const MODEL_VERSION = '0.3.1';
