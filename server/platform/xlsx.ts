/**
 * Spreadsheets (.xlsx, write-excel-file), loaded the first time one is written. Only 我的数据 and
 * the console's exports write one, and the library with its zip (fflate) is ~77 KB of a function's
 * ~470: a cold start that answers anything else does not compile it. The deployed bundle keeps it
 * in a file of its own beside index.js (scripts/build-functions.ts, `OWN_LAZY_PACKAGES`).
 */
import type writeXlsxFileType from 'write-excel-file/node';

export type WriteXlsxFile = typeof writeXlsxFileType;

let loaded: Promise<WriteXlsxFile> | undefined;

/** write-excel-file's `writeXlsxFile`, loaded on first use. */
export const xlsxWriter = (): Promise<WriteXlsxFile> => (loaded ??= import('write-excel-file/node').then((m) => m.default));
