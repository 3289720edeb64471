/** The teaching scenarios of `scenarios/`, bundled with the page as text by file name (the build reads the folder). */
const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const TEACHING_SCENARIOS: ReadonlyMap<string, string> = new Map(
  Object.entries(files)
    .map(([path, text]): [string, string] => [path.slice(path.lastIndexOf('/') + 1), text])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
);
