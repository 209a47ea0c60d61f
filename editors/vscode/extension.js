// De VS Code-kant van wmo-dsl: start 'wmo lsp' voor elk .wmo-bestand (instelling wmo.opdracht).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("wmo").get("opdracht", ["wmo", "lsp"]);
  client = new LanguageClient("wmo", "wmo-dsl", { command, args }, { documentSelector: [{ language: "wmo" }] });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
