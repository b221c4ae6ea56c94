/** The company's product catalog, shared by all districts. API: {@link com.seatkeeper.catalog.Catalog}. */
package com.seatkeeper.catalog;
