// The partner page's own globals, named like those Go's wasm_exec.js sets.
window.fs = {};
window.Go = function Go() {};
window.process = { env: { partner: "yes" } };
