/** Largest JSON body the API reads (larger: 413, counted while reading). */
export const BODY_LIMIT_BYTES = 1_000_000;
