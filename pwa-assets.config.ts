import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config'

// Icons for the manifest, generated from one SVG logo: `npm run icons` (outputs are committed).
export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: '#4f46e5' } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: '#4f46e5' } },
  },
  images: ['public/logo.svg'],
})
