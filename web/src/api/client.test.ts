/** Error words for streamers: field labels instead of request paths, and the next step where the server gives none. */
import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, humanizeFieldMessage } from './client.ts';

describe('errorMessage', () => {
  it("names a field by its label, not the request's path", () => {
    expect(humanizeFieldMessage('body.client_secret: must not be empty')).toBe('Client secret: must not be empty');
    expect(humanizeFieldMessage('body.password: is a commonly used password')).toBe('Password: is a commonly used password');
    expect(humanizeFieldMessage('query.cursor: is not a cursor returned by this endpoint')).toBe('Cursor: is not a cursor returned by this endpoint');
    expect(humanizeFieldMessage('no field here')).toBe('no field here');
    expect(errorMessage(new ApiError(400, 'VALIDATION_FAILED', 'body.username: "boss" is taken'))).toBe('Username: "boss" is taken');
  });

  it('adds the next step to a refusal that only says what is missing', () => {
    expect(errorMessage(new ApiError(403, 'FORBIDDEN', 'this needs the connections:edit permission'))).toBe(
      'This needs the connections:edit permission. Ask an owner or admin of this account for that permission.',
    );
    expect(errorMessage(new ApiError(404, 'NOT_FOUND', 'integration not found'))).toBe('integration not found');
  });
});
