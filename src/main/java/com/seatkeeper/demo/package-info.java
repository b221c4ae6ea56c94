/** Demo data for {@code mvn spring-boot:run} (profile "demo" only). */
package com.seatkeeper.demo;
