import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/app.css';

/** The dashboard's entry point. */
export default mount(App, { target: document.getElementById('app')! });
