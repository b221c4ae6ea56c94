/**
 * The licensing core: license pools, purchases, assignments and the seat ledger, with the
 * invariants of DESIGN §3 (1–5). API: {@link com.seatkeeper.licensing.Licensing}.
 */
package com.seatkeeper.licensing;
