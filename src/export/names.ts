/**
 * Names of the export formats, in a module that imports nothing, so `--help` lists them without
 * loading the exporters; export/index.ts maps exactly these names to renderers (checked by tsc).
 */

/** Every `mpsbench export --format` name, in help order. */
export const EXPORT_FORMATS = ['gab-smaller', 'gab-bigger', 'gbench', 'hyperfine', 'csv'] as const;

/** A registered export format name. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
