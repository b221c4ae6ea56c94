/**
 * Who is calling: sign-in accounts, hashed API tokens, the bootstrap admin token and the
 * security filter chains; invitations and password resets by one-time links, the password rule
 * and sign-in throttling. API: {@link com.seatkeeper.access.Accounts},
 * {@link com.seatkeeper.access.AccountLinks}.
 */
package com.seatkeeper.access;
