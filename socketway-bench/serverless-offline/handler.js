'use strict';
// Two-way echo ($default) and postToConnection echo (pushEcho), as in the Socketway bench template.
module.exports.connect = async () => ({ statusCode: 200 });
module.exports.echo = async (event) => ({ statusCode: 200, body: event.body });
module.exports.pushEcho = async (event) => {
  const id = event.requestContext.connectionId;
  await fetch(`http://127.0.0.1:3001/@connections/${encodeURIComponent(id)}`, { method: 'POST', body: event.body });
  return { statusCode: 200 };
};
