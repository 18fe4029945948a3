import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // TypeScript checks names; this rule does not know declared globals such as __APP_BUILD__.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // The domain is pure TypeScript: no framework, store or database in it.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vue', 'vue/*', '@vue/*', '@vueuse/*', 'vue-router', 'vue-i18n'], message: 'src/domain/ must not import Vue.' },
            { group: ['pinia', 'pinia/*'], message: 'src/domain/ must not import Pinia.' },
            { group: ['dexie', 'dexie/*'], message: 'src/domain/ must not import Dexie.' },
            { group: ['**/db/*', '**/stores/*', '**/components/*', '**/views/*', '**/composables/*'], message: 'src/domain/ imports only domain code.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'indexedDB', message: 'src/domain/ is pure.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass `now` in: the domain never reads the clock.' }],
    },
  },
)
