// Where a view opens, decided from plain column numbers (pure): the traces a matrix opens go to
// one column beside the matrix — where the text editors are — and never to a new third column.

/**
 * The column for a trace opened from the matrix: the first column with a text editor that is not
 * the matrix's own, else the column next to the matrix (the second one, or the first when the
 * matrix is already to the right).
 */
export function traceColumnBeside(
  matrixColumn: number | undefined,
  editorColumns: readonly number[],
): number {
  const editors = editorColumns.find((c) => c !== matrixColumn);
  if (editors !== undefined) return editors;
  return matrixColumn === undefined || matrixColumn === 1 ? 2 : 1;
}

/**
 * The column for a view opened from a text editor in `editorColumn`: beside it without adding a
 * column (the second for an editor in the first, else the first); undefined without an editor.
 */
export function besideEditor(editorColumn: number | undefined): number | undefined {
  if (editorColumn === undefined) return undefined;
  return editorColumn === 1 ? 2 : 1;
}
