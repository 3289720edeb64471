/**
 * The run folder: the files `npm run simulate` (and `npm run experiment -- --replay`) write, in
 * one module: their schemas, the functions that format them, the one writer and the one reader.
 */
export { RunJson, FinalJson, EventRow, FileRecord } from './schema.js';
export type { RunJsonInput, EventRowInput } from './schema.js';
export { seriesCsv, pairsCsv, eventsJsonl, finalJson, finalObject, eventObject, seriesChunks, pairsChunks, eventsChunks } from './format.js';
export { writeRunFolder, runFiles, runIdentity, runKey, runEntryKey, RUN_WRITER, RUN_FILES } from './write.js';
export type { RunManifest, WriteRunOptions } from './write.js';
export { readRunFolder, MAX_RUN_FILE_BYTES } from './read.js';
export type { RunFolder } from './read.js';
export type { SeriesRow } from './parse.js';
export { findFile, findScenario, scenarioCaveat, ENTENTE_ROOT } from './source.js';
export type { Found } from './source.js';
