/**
 * Who is calling: sign-in accounts, hashed API tokens, the bootstrap admin token and the
 * security filter chains. API: {@link com.seatkeeper.access.Accounts}.
 */
package com.seatkeeper.access;
