/**
 * The typed shape of the database. Each module adds its tables by augmenting this interface from
 * its schema.ts (`declare module '../../platform/db/database.ts' { interface Database { … } }`).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module
export interface Database {}
