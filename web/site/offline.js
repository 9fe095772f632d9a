// offline.js: the offline page's own script. It registers the service worker
// (sw.js, beside this file, so the page works under any sub-path) and tells
// the reader when a newer schedule has been deployed.
(function () {
	"use strict";

	const status = document.getElementById("agenda-offline-status");
	const update = document.getElementById("agenda-update");
	if (!("serviceWorker" in navigator)) {
		status.textContent = "This browser cannot keep the schedule for offline use.";
		return;
	}
	// The build this page came from; a worker of another build that takes
	// over means newer data is deployed (a first visit's worker, or one of the
	// same build, means nothing of the kind).
	const build = document.querySelector('meta[name="agenda-build"]').content;
	navigator.serviceWorker.addEventListener("message", (e) => {
		if (e.data && e.data.agendaBuild && e.data.agendaBuild !== build) update.hidden = false;
	});
	navigator.serviceWorker.addEventListener("controllerchange", () => {
		const worker = navigator.serviceWorker.controller;
		if (worker) worker.postMessage("agenda-build?");
	});
	update.querySelector("button").addEventListener("click", () => location.reload());

	navigator.serviceWorker.register("sw.js").then((reg) => {
		navigator.serviceWorker.ready.then(() => {
			status.textContent = "Saved on this device: it works without a network.";
		});
		// Look for a new deployment when the reader comes back to the tab or
		// the network returns, at most every few minutes.
		const every = 5 * 60 * 1000;
		let last = Date.now();
		const check = () => {
			if (document.visibilityState !== "visible" || !navigator.onLine || Date.now() - last < every) return;
			last = Date.now();
			reg.update().catch(() => {}); // offline or a server error: try again next time
		};
		document.addEventListener("visibilitychange", check);
		addEventListener("online", check);
	}, (err) => {
		status.textContent = "This page could not be saved for offline use (" + err.message + ").";
	});
})();
