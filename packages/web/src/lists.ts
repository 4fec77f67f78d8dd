// Lists of server values (states, kinds, roles) on screens. Their type is the union the SDK
// generated from /openapi.json; the runtime list comes from a record keyed by that union
// (`{ … } satisfies Record<Status, …>`), so a value the server adds is a type error until the
// screen gives it a label, a colour, a place.

/** The keys of a record keyed by a union, in the record's order, typed as that union. */
export function keysOf<K extends string>(record: Readonly<Record<K, unknown>>): K[] {
  return Object.keys(record) as K[];
}
