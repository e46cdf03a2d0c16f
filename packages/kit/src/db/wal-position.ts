/**
 * A PostgreSQL WAL position (LSN, `16/B374D848`) as a number that compares: the consistency token a
 * client gets after a write is the primary's position, and a replica has caught up with that write
 * once it has replayed past it.
 */
export function parseLsn(lsn: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn.trim());
  if (!match) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** Whether `lsn` is a well-formed WAL position (tokens come from clients). */
export function isLsn(lsn: string): boolean {
  return /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i.test(lsn.trim());
}
