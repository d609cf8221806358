import busboy from 'busboy';
import { createWriteStream, promises as fs } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ApiError, invalidRequest, invalidValue, missingParameter, notFound } from './apiError';
import { UPLOAD_PURPOSES, type FileStore } from './fileStore';
import { EMULATOR_HEADER, sendJson } from './http';
import { listBody, readLimit } from './paging';
import type { RouteRequest, Router } from './router';
import type { FilePurpose } from './types';
import { errorMessage } from '../errors/errorText';

/** `GET /v1/files` returns up to 10,000 files a page. */
const MAX_FILES_PAGE = 10_000;
/** Room for the multipart boundaries and the `purpose` field around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** `/v1/files`: multipart uploads streamed to disk (never buffered whole), list, retrieve, content, delete. */
export function addFileRoutes(router: Router, files: FileStore, maxUploadBytes: number): void {
  const existing = (id: string) => {
    const file = files.get(id);
    if (!file) throw notFound(`No such File object: ${id}`, 'id');
    return file;
  };
  router
    .add('POST', '/v1/files', (request) => upload(request, files, maxUploadBytes))
    .add('GET', '/v1/files', ({ res, query }) => {
      const order = query.get('order') ?? 'desc';
      if (order !== 'asc' && order !== 'desc') throw invalidValue('order', `Invalid 'order': expected 'asc' or 'desc', got '${order}'.`);
      const page = files.list({ purpose: query.get('purpose') ?? undefined, order, after: query.get('after') ?? undefined, limit: readLimit(query, MAX_FILES_PAGE, MAX_FILES_PAGE) });
      sendJson(res, 200, listBody(page));
    })
    .add('GET', '/v1/files/{file_id}', ({ res, params }) => sendJson(res, 200, existing(params.file_id)))
    .add('GET', '/v1/files/{file_id}/content', async ({ res, params }) => {
      const file = existing(params.file_id);
      res.writeHead(200, { ...EMULATOR_HEADER, 'content-type': 'application/octet-stream', 'content-length': String(file.bytes) });
      await pipeline(files.openContent(file.id), res);
    })
    .add('DELETE', '/v1/files/{file_id}', async ({ res, params }) => {
      const file = existing(params.file_id);
      await files.delete(file.id);
      sendJson(res, 200, { id: file.id, object: 'file', deleted: true });
    });
}

function fileTooLarge(maxUploadBytes: number): ApiError {
  const megabytes = Math.round(maxUploadBytes / (1024 * 1024));
  return new ApiError(413, `The file is larger than the ${megabytes} MB limit. Split it into smaller batch files.`, 'invalid_request_error', 'file', 'file_too_large', {
    connection: 'close',
  });
}

/**
 * Streams the `file` part straight to a temp file in the store, then checks `purpose` and registers the file.
 * An oversized body is refused from its Content-Length before a byte is read, or as soon as busboy counts
 * past the limit: the 413 goes out at once and the rest of the body is drained, not stored.
 */
async function upload({ req, res }: RouteRequest, files: FileStore, maxUploadBytes: number): Promise<void> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw invalidRequest(`Invalid Content-Type header (${req.headers['content-type'] ?? 'none'}), expected multipart/form-data.`, null, 'invalid_content_type');
  }
  if (Number(req.headers['content-length'] ?? 0) > maxUploadBytes + MULTIPART_OVERHEAD_BYTES) throw fileTooLarge(maxUploadBytes);
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxUploadBytes, fields: 10, fieldSize: 64 * 1024 } });
  } catch (error) {
    throw unreadableMultipart(error);
  }
  const tempPath = files.tempPath();
  const fields: Record<string, string> = {};
  let filename: string | undefined;
  let written: Promise<void> = Promise.resolve();
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('field', (name, value) => (fields[name] = value));
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || filename !== undefined) return stream.resume();
        filename = info.filename || 'upload.jsonl';
        stream.on('limit', () => {
          req.unpipe(parser);
          req.resume();
          stream.destroy();
          reject(fileTooLarge(maxUploadBytes));
        });
        written = pipeline(stream, createWriteStream(tempPath));
        written.catch(reject);
      });
      parser.on('close', resolve);
      parser.on('error', reject);
      req.on('error', reject);
      req.pipe(parser);
    });
    await written;
    if (filename === undefined) throw missingParameter('file');
    const purpose = fields.purpose;
    if (purpose === undefined) throw missingParameter('purpose');
    if (!UPLOAD_PURPOSES.has(purpose)) {
      throw invalidValue('purpose', `Invalid value for 'purpose': '${purpose}'. Supported values are: ${[...UPLOAD_PURPOSES].join(', ')}.`);
    }
    sendJson(res, 200, await files.add(tempPath, filename, purpose as FilePurpose));
  } catch (error) {
    await written.catch(() => undefined);
    await fs.rm(tempPath, { force: true });
    throw error instanceof ApiError ? error : unreadableMultipart(error);
  }
}

function unreadableMultipart(error: unknown): ApiError {
  return invalidRequest(`The multipart body cannot be read: ${errorMessage(error)}`);
}
