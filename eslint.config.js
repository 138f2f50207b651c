// Lint: the recommended sets Remix's own templates use (JavaScript, TypeScript, React, hooks,
// accessibility), with formatting left to Prettier. Run by `npm run lint`, part of `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'build/',
      'public/build/',
      '.cache/',
      'app/generated/',
      'test-results/',
      'playwright-report/',
      'bench/out/',
      'data/',
      'tests/.tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // React's rules where React runs; server and CLI code may well name a function `use`.
    files: ['app/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    settings: { react: { version: '18.3' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      // autoFocus is used only on a field the person has just opened themselves (an editor, a
      // confirmation), where moving focus to it is the accessible behaviour.
      'jsx-a11y/no-autofocus': 'off',
      // Wide tables and panels scroll in their own labelled box, which must be reachable by keyboard.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['region', 'complementary', 'tabpanel'], tags: [] }],
      // Types come from TypeScript, not prop-types.
      'react/prop-types': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['public/**/*-sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  prettier,
)
