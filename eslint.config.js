// ESLint flat config: type-aware rules on src/, the recommended rules on tests and scripts, and
// Prettier last so formatting is Prettier's alone.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'coverage/', 'fixtures/', 'docs/', 'oclif.manifest.json']},
  js.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
  },
  {
    files: ['test/**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {globals: {...globals.node, ...globals.mocha}},
  },
  {
    files: ['scripts/**/*.mjs', 'bin/*.js', 'eslint.config.js'],
    languageOptions: {globals: globals.node},
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
    },
  },
  prettier,
)
