/** Reading a LanceDB table's stored schema directly, apart from the product's own handles. */
import * as lancedb from '@lancedb/lancedb';
import type { Field } from 'apache-arrow';

/** One column of a table as stored (its type and field metadata), through a connection of its own. */
export async function storedField(dir: string, table: string, column: string): Promise<Field> {
  const db = await lancedb.connect(dir);
  const opened = await db.openTable(table);
  try {
    const field = (await opened.schema()).fields.find((f) => f.name === column);
    if (!field) throw new Error(`${table} has no column ${column}`);
    return field;
  } finally {
    opened.close();
    db.close();
  }
}
