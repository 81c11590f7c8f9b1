import { mount } from 'svelte';
import App from './App.svelte';

/** Mounts the dashboard (loaded by the tiny entry, src/main.ts, once the engine is booting). */
export default mount(App, { target: document.getElementById('app')! });
