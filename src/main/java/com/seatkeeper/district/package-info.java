/**
 * Districts (the tenant boundary) and their schools. API: {@link com.seatkeeper.district.Districts}.
 */
package com.seatkeeper.district;
