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
    // Tests build and read AWS's wire JSON, which has no static type.
    rules: {'@typescript-eslint/no-explicit-any': 'off'},
  },
  {
    files: ['scripts/**/*.mjs', 'bin/*.js', 'test/**/*.mjs', 'test/**/*.cjs', 'eslint.config.js'],
    languageOptions: {globals: globals.node},
  },
  {
    rules: {
      // Terminal text is handled on purpose: colour codes (ESC) are stripped and control characters
      // in user input are refused or replaced, so regular expressions name them.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      // oclif's flag parsers, hooks and catch are async by contract, whether or not they await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  prettier,
)
