import next from "eslint-config-next";

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "lib/linalg/assembly/**", "data/**", "test-results/**", "playwright-report/**", ".ci-work/**", ".venv-ref/**"] },
  ...next,
];

export default config;
