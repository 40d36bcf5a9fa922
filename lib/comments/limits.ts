// The comment box's limit, shared by the server's check and the form's counter.
/** Longest comment, in characters: a few sentences of feedback, not a document. */
export const COMMENT_MAX = 1000;
