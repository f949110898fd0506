// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'e2e/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: ['**/main/**', 'electron', 'node:*'] }],
    },
  },
  {
    // The pure core: no Electron, no I/O, no timers, no clock (CONVENTIONS.md). Time is an argument.
    files: ['src/main/core/**/*.ts'],
    ignores: ['src/main/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'electron',
            'ioredis',
            'amqplib',
            'ws',
            'better-sqlite3',
            '**/sources/**',
            '**/engine',
            '**/electron/**',
          ],
          paths: ['fs', 'net', 'http', 'https', 'os', 'child_process', 'dgram', 'tls'],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core takes time as an argument',
        },
        {
          selector: 'CallExpression[callee.name=/^set(Timeout|Interval|Immediate)$/]',
          message: 'core has no timers',
        },
        {
          selector: "CallExpression[callee.object.name='performance']",
          message: 'core takes time as an argument',
        },
      ],
    },
  },
  {
    // Shared types cross every boundary, so they depend on nothing.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/main/**', '**/renderer/**', '**/preload/**', 'node:*', 'electron'] },
      ],
    },
  },
)
