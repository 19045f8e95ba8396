export declare function staleFiles(): string[];
