import { expect, test } from "@playwright/test";
import { parquetWriteBuffer } from "hyparquet-writer";
import { signUp, uniqueName } from "./helpers";

// Bad bodies to the upload routes of the production build answer 4xx with {error, code} and store nothing.
test("hostile target and ranking uploads are refused with a reason and leave no dataset behind", async ({ page }) => {
  test.setTimeout(120_000);
  const user = uniqueName("hostile");
  await signUp(page, user);
  const api = page.request;
  const csv = { name: "t.csv", mimeType: "text/csv", buffer: Buffer.from("text,label\ngood movie,1\nbad movie,0\nfine film,1\n") };
  const notStored = async (name: string) => expect((await api.get(`/api/datasets/${user}/${name}`)).status()).toBe(404);

  await test.step("a JSON body to the multipart target upload", async () => {
    const res = await api.post("/api/targets", { data: { file: "x" } });
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ code: "InvalidInput", error: expect.stringContaining("multipart/form-data") });
  });

  await test.step("a malformed multipart body", async () => {
    const res = await api.post("/api/targets", { headers: { "content-type": "multipart/form-data; boundary=xyz" }, data: "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ntruncated" });
    expect(res.status()).toBe(400);
    expect((await res.json()).code).toBe("InvalidInput");
  });

  await test.step("a small Parquet file with a million and one rows", async () => {
    const rows = 1_000_001;
    const buffer = Buffer.from(parquetWriteBuffer({ columnData: [{ name: "text", data: new Array<string>(rows).fill("same text"), type: "STRING" }, { name: "label", data: new Int32Array(rows), type: "INT32" }] }));
    const res = await api.post("/api/targets", { multipart: { name: "row-bomb", file: { name: "bomb.parquet", mimeType: "application/octet-stream", buffer } } });
    expect(res.status()).toBe(413);
    expect(await res.json()).toMatchObject({ code: "too_many_rows", error: expect.stringContaining("1,000,000") });
    await notStored("row-bomb");
  });

  await test.step("ranking options that are not JSON are refused before the file becomes a dataset", async () => {
    const res = await api.post("/api/rankings", { multipart: { name: "bad-options", options: "{", file: csv } });
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ code: "InvalidInput", error: expect.stringContaining("options") });
    await notStored("bad-options");
  });

  await test.step("ranking options of the wrong shape, the same", async () => {
    const res = await api.post("/api/rankings", { multipart: { name: "bad-shape", options: '{"numExamples": -5}', file: csv } });
    expect(res.status()).toBe(400);
    expect((await res.json()).code).toBe("InvalidInput");
    await notStored("bad-shape");
  });

  await test.step("cookie-authenticated mutations from another site (CSRF)", async () => {
    const evil = { origin: "http://evil.example" };
    const upload = await api.post("/api/targets", { headers: evil, multipart: { name: "csrf", file: csv } });
    expect(upload.status()).toBe(403);
    expect((await upload.json()).error).toContain("cross-site");
    await notStored("csrf");
    const ranking = await api.post("/api/rankings", { headers: { ...evil, "content-type": "text/plain" }, data: '{"dataset": "esmhub-demo/sms-spam-target"}' });
    expect(ranking.status()).toBe(403);
    const esm = await api.post("/api/upload", { headers: evil, multipart: { name: "csrf-esm", message: "x" } });
    expect(esm.status()).toBe(403);
    // The same requests from the hub's own origin go through the normal checks.
    const own = await api.post("/api/targets", { headers: { origin: new URL(page.url()).origin }, multipart: { name: "same-origin", file: csv } });
    expect(own.status()).toBe(201);
  });

  await test.step("a JSON ranking request that is not JSON", async () => {
    const res = await api.post("/api/rankings", { headers: { "content-type": "application/json" }, data: "{not json" });
    expect(res.status()).toBe(400);
    expect((await res.json()).code).toBe("InvalidInput");
  });
});
