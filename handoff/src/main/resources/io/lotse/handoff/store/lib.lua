-- Shared by every handoff script: Script puts this in front of each one.
--
-- A frame is stored as head .. ',"seq":n' .. tail, where head is '{"type":"…"' and tail the rest
-- of the JSON object, so seq sits right after type and is the list length after the push.
-- Every key a script touches arrives in KEYS, built by Keys in Java.

local function publish_frame(channel, id, seq)
    redis.call('PUBLISH', channel, '{"type":"frame","conversationId":"' .. id .. '","seq":' .. seq .. '}')
end

local function publish_queue(channel)
    redis.call('PUBLISH', channel, '{"type":"queue"}')
end

local function publish_assigned(channel, id, agent)
    redis.call('PUBLISH', channel, '{"type":"assigned","conversationId":"' .. id .. '","agent":' .. cjson.encode(agent) .. '}')
end

-- The status of a conversation that is still open; else nil and the answer that ends the script:
-- not_found, or closed (only when that ends it).
--   local status, stop = open_status(KEYS[1]) if stop then return stop end
local function open_status(meta)
    local status = redis.call('HGET', meta, 'status')
    if not status then
        return nil, {'not_found'}
    end
    if status == 'closed' then
        return nil, {'closed'}
    end
    return status, nil
end

-- Stores the frame with the next seq, announces it and returns the seq.
local function append(frames, channel, id, head, tail)
    local seq = redis.call('LLEN', frames) + 1
    redis.call('RPUSH', frames, head .. ',"seq":' .. seq .. tail)
    publish_frame(channel, id, seq)
    return seq
end

-- A conversation's keys live for ms more (the keys that do not exist yet are skipped by Redis).
local function expire_all(ms, ...)
    for _, key in ipairs({...}) do
        redis.call('PEXPIRE', key, ms)
    end
end

local function persist_all(...)
    for _, key in ipairs({...}) do
        redis.call('PERSIST', key)
    end
end

-- Appends a 'handoff queued' frame telling the customer their place in their team's queue and the
-- estimated wait ('' per position: no estimate).
local function append_queued(frames, channel, id, team_queue, per_position, ts, extra)
    local position = redis.call('ZRANK', team_queue, id) + 1
    local estimate = 'null'
    if per_position ~= '' then
        estimate = string.format('%d', math.floor(tonumber(per_position) * position + 0.5))
    end
    return append(frames, channel, id, '{"type":"handoff"',
        ',"status":"queued","position":' .. position .. ',"estimatedWaitSeconds":' .. estimate
        .. (extra or '') .. ',"ts":"' .. ts .. '"}')
end

local function remember(list, seconds, kept)
    redis.call('LPUSH', list, tostring(seconds))
    redis.call('LTRIM', list, 0, tonumber(kept) - 1)
end
