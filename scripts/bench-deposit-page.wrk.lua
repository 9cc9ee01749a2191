-- wrk script for scripts/bench-deposit-page.sh: one step of the portal's PDF deposit as the demo
-- supplier, each request a multipart form as the browser sends it.
--   wrk ... -s bench-deposit-page.wrk.lua URL -- STEP COOKIE CSRF FILE
-- STEP "upload": POST /factures/deposer/lecture with the PDF FILE; success is the pre-filled
--   form (200, carrying pdf_base64).
-- STEP "confirm": POST /factures/deposer with FILE holding the PDF in base64 and the form's
--   fields, a new invoice number each time (the rules refuse a supplier's number twice); success
--   is the redirect to the receipt (303).
-- Any other answer counts as failed, and done() prints the counts for the shell script to check.

local boundary = "----choralbench7MA4YWxkTrZu0gW"
local threads = {}
local step, body_head, body_tail

local function part(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name ..
         "\"\r\n\r\n" .. value .. "\r\n"
end

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  step = args[1]
  local cookie, csrf, file = args[2], args[3], args[4]
  local f = assert(io.open(file, "rb"))
  local bytes = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Cookie"] = cookie
  wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
  ok, failed, first_failure = 0, 0, ""
  counter = 0
  if step == "upload" then
    wrk.path = "/factures/deposer/lecture"
    wrk.body = part("csrf_token", csrf) ..
               "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"pdf\"; " ..
               "filename=\"facture.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" .. bytes ..
               "\r\n--" .. boundary .. "--\r\n"
  else
    wrk.path = "/factures/deposer"
    -- The demo recipient and service, as the refreshed form would carry them.
    body_head = part("csrf_token", csrf) .. part("pdf_base64", bytes) ..
                part("pdf_name", "facture.pdf") .. part("recipient_siret", "11000998200015") ..
                part("service_code", "DAF-ACHATS") .. part("engagement_number", "EJ-1") ..
                part("issue_date", "2026-01-15") .. part("document_type", "FACTURE") ..
                part("framework", "A1_FACTURE_FOURNISSEUR") .. part("currency", "EUR") ..
                part("total_without_vat", "100,00") .. part("total_vat", "20,00") ..
                part("total_with_vat", "120,00") .. part("amount_due", "120,00") ..
                part("confirm_duplicate_pdf", "oui") .. part("action", "deposer")
    body_tail = "--" .. boundary .. "--\r\n"
  end
end

function request()
  if step == "upload" then return wrk.format() end
  counter = counter + 1
  -- At most 20 characters (the rules' limit), unique across threads and runs (seconds apart).
  local number = string.format("B%05d-%d-%d", os.time() % 100000, id, counter)
  return wrk.format(nil, nil, nil, body_head .. part("invoice_number", number) .. body_tail)
end

function response(status, headers, body)
  local good
  if step == "upload" then
    good = status == 200 and body:find("name=\"pdf_base64\"", 1, true) ~= nil
  else
    good = status == 303
  end
  if good then
    ok = ok + 1
  else
    failed = failed + 1
    if first_failure == "" then first_failure = status .. " " .. body:sub(1, 200):gsub("%s+", " ") end
  end
end

function done(summary, latency, requests)
  local total_ok, total_failed, why = 0, 0, ""
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_failed = total_failed + thread:get("failed")
    if why == "" then why = thread:get("first_failure") end
  end
  io.write(string.format("RESULT ok=%d failed=%d rps=%.2f p50=%.1f p90=%.1f p99=%.1f\n",
    total_ok, total_failed, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000))
  if total_failed > 0 then io.write("FIRST_FAILURE " .. why .. "\n") end
end
