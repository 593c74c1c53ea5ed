import { hospitalToday, toIsoDate } from "~/domain/dates";
import { csvTable, jsonDocument, type DatasetName, type FileFormat, type RowOf } from "~/domain/open-data";
import { openAgreements, openFigures, openProgrammes, type OpenDataset } from "~/models/open-data.server";
import { toCsv } from "~/utils/csv";
import { env } from "~/utils/env.server";
import { cachedResponse, prepareBody, type PreparedBody } from "~/utils/http-cache.server";
import { remembered } from "~/utils/read-cache.server";

const READ: { [N in DatasetName]: () => Promise<OpenDataset<RowOf<N>>> } = {
  programmes: openProgrammes,
  agreements: openAgreements,
  figures: openFigures,
};

/**
 * One open-data file at its stable address (/open/<dataset>.json or .csv), for anyone: the same shape
 * whatever the reader's language (English column names; CSV in UTF-8 with a byte-order mark and ","),
 * with the caching headers and a 304 when the client's copy is current.
 */
export async function openDataFile<N extends DatasetName>(request: Request, name: N, format: FileFormat): Promise<Response> {
  // The text too is remembered with the data, with its tag and compressed copies: a national register is
  // a megabyte to write out, hash and compress, on every request before.
  const { body, lastModified } = await remembered(`open-file:${name}:${format}:${toIsoDate(hospitalToday())}`, () => fileOf(name, format));
  if (format === "json") return cachedResponse(request, { body, contentType: "application/json; charset=utf-8", lastModified });
  return cachedResponse(request, { body, contentType: "text/csv; charset=utf-8", lastModified, fileName: `${name}.csv` });
}

async function fileOf<N extends DatasetName>(name: N, format: FileFormat): Promise<{ body: PreparedBody; lastModified: Date }> {
  const { rows, lastModified } = await READ[name]();
  if (format === "json")
    return {
      body: await prepareBody(`${JSON.stringify(jsonDocument(name, rows, { hospitalName: env.HOSPITAL_NAME, lastModified }), null, 2)}\n`),
      lastModified,
    };
  const { header, cells } = csvTable(name, rows);
  return { body: await prepareBody(toCsv(header, cells, "en")), lastModified };
}
