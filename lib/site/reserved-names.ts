export { RESERVED_NAMES, isReservedName } from "../registry/names";
