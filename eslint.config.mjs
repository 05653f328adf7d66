import next from "eslint-config-next";

export default [
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "lib/linalg/assembly/**", "data/**", "test-results/**", "playwright-report/**"] },
  ...next,
];
