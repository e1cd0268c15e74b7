/** Vite's `?url` imports: the asset's address in the build. */
declare module '*?url' {
  const src: string;
  export default src;
}

/** Style sheets imported for their side effect; Vite bundles them. */
declare module '*.css';
