// The partner's own Go program, started the stock way.
const partnerGo = new Go();
WebAssembly.instantiateStreaming(fetch("partner.wasm"), partnerGo.importObject)
	.then(({ instance }) => partnerGo.run(instance));
