/** Build identifier (package version, or APP_BUILD_ID at build time). */
declare const __APP_BUILD__: string
