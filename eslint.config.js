import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noUiInCore = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'],
      message: 'src/core is pure: no React or store.',
    },
    {
      group: ['iced-x86', 'monaco-editor', 'monaco-editor/*'],
      message: 'src/core takes a decoder through ports.ts.',
    },
    {
      group: [
        '**/ui/**',
        '**/state/**',
        '**/disasm/**',
        '**/cli/**',
        '**/binary/**',
        '**/permalink/**',
      ],
      message: 'src/core knows nothing of the layers above it.',
    },
    { group: ['node:*', 'fs', 'path'], message: 'src/core runs in the browser too.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-cli',
      'node_modules',
      'coverage',
      'test-results',
      'playwright-report',
      'e2e-output',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/state/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', noUiInCore] },
  },
  {
    files: ['src/binary/**/*.ts', 'src/permalink/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'zustand', '**/ui/**', '**/state/**', 'node:*', 'fs'],
              message: 'Readers and codecs are pure: they run in a worker and in Node.',
            },
          ],
        },
      ],
    },
  },
);
