/** Loops over known collections are unrolled up to this many items; larger ones get one representative item. */
export const MAX_UNROLLED_ITEMS = 1000;

/** Nested evaluation beyond this depth is reported unknown rather than risking the stack. */
export const MAX_EVALUATION_DEPTH = 256;
