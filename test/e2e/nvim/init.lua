-- Headless Neovim (0.7+) as a real LSP client of `ztlint --stdio`: for each file it opens, it waits for the
-- server's diagnostic of the expected rule, asks for code actions there, applies the preferred quick fix the
-- way the editor does and writes the file. Exits 0 when every file was fixed and written, 1 otherwise; the
-- test that runs it checks the files on disk.
--
-- Environment: ZTLINT_SERVER   path to server/bin/ztlint.js
--              ZTLINT_ROOT     the workspace folder
--              ZTLINT_FIXES    `file=rule;file=rule`, files relative to ZTLINT_ROOT
local server = assert(os.getenv('ZTLINT_SERVER'), 'ZTLINT_SERVER is not set')
local root = assert(os.getenv('ZTLINT_ROOT'), 'ZTLINT_ROOT is not set')
local fixes = assert(os.getenv('ZTLINT_FIXES'), 'ZTLINT_FIXES is not set')
local TIMEOUT_MS = 20000

local function out(...)
  io.stdout:write(table.concat({ ... }, ' ') .. '\n')
  io.stdout:flush()
end

local function fail(message)
  out('FAIL: ' .. message)
  vim.cmd('cquit 1')
end

local client_id = vim.lsp.start_client({ name = 'ztlint', cmd = { 'node', server, '--stdio' }, root_dir = root })
if not client_id then return fail('the server did not start') end

-- 0.7 keeps the LSP code in user_data; later versions also set it on the diagnostic itself.
local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function fix(file, rule)
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  local diagnostic
  local found = vim.wait(TIMEOUT_MS, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if code_of(d) == rule and d.source == 'ztlint' then diagnostic = d return true end
    end
    return false
  end, 20)
  if not found then return false, 'no ' .. rule .. ' diagnostic in ' .. file .. ', got ' .. vim.inspect(vim.diagnostic.get(bufnr)) end
  out(string.format('%s: %d diagnostics, %s at %d:%d', file, #vim.diagnostic.get(bufnr), rule, diagnostic.lnum + 1, diagnostic.col + 1))

  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = diagnostic.lnum, character = diagnostic.col }, ['end'] = { line = diagnostic.end_lnum, character = diagnostic.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, diagnostic.lnum) },
  }
  local actions, request_error
  vim.lsp.buf_request(bufnr, 'textDocument/codeAction', params, function(err, result)
    request_error = err
    actions = result or {}
  end)
  if not vim.wait(TIMEOUT_MS, function() return actions ~= nil end, 20) then return false, 'no code action response for ' .. file end
  if request_error then return false, 'code action error: ' .. vim.inspect(request_error) end

  local chosen
  for _, action in ipairs(actions) do
    out('  action: ' .. action.title .. (action.isPreferred and ' (preferred)' or ''))
    local for_rule = false
    for _, d in ipairs(action.diagnostics or {}) do for_rule = for_rule or d.code == rule end
    if action.isPreferred and for_rule and not chosen then chosen = action end
  end
  if not chosen or not chosen.edit then return false, 'no preferred quick fix for ' .. rule .. ' in ' .. file end

  local client = vim.lsp.get_client_by_id(client_id)
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  vim.cmd('silent write')
  -- The server re-lints the edited buffer; the fixed rule must be gone from it.
  local cleared = vim.wait(TIMEOUT_MS, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if code_of(d) == rule then return false end
    end
    return true
  end, 20)
  if not cleared then return false, rule .. ' is still reported in ' .. file .. ' after the fix' end
  out('  applied "' .. chosen.title .. '" and wrote ' .. file)
  return true
end

for pair in string.gmatch(fixes, '[^;]+') do
  local file, rule = pair:match('^(.-)=(.+)$')
  local ok, message = fix(file, rule)
  if not ok then return fail(message) end
end

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
out('PASS')
vim.cmd('qall!')
