// The public face of the inventory module: the only file other modules may import.
export {};
