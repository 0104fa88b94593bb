/**
 * The longest comment an official writes on a request, in characters: on the request itself
 * (POST /requests/{id}/comments) and on a partner copy (issue #13), which the holder checks again
 * when the comment arrives, as it would a comment written on its own desk.
 */
export const COMMENT_MAX_CHARS = 8000;
