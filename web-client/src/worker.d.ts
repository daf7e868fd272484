/** Vite's `?worker` imports: the default export constructs the module as a web worker. */
declare module '*?worker' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  export default WorkerConstructor;
}
