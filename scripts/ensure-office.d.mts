export declare const OFFICE_PACKAGES: readonly string[];
export declare function hasOffice(): boolean;
export declare function canInstallOffice(): boolean;
export declare function ensureOffice(options?: { quiet?: boolean }): boolean;
